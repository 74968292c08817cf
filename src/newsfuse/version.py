"""The release, in one place: the package, the CLI's --version, the web app and the fetcher's User-Agent read it."""

__version__ = "0.1.0"

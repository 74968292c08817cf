"""`python -m newsfuse`: the same command as the `newsfuse` console script."""

from newsfuse.cli import main

main()

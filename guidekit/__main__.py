import sys

from guidekit.cli import main

if __name__ == "__main__":  # not when a process started by `spawn` imports it (guidekit check on many guides)
    sys.exit(main())

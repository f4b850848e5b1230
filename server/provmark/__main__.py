import sys

from provmark.cli import main

sys.exit(main())

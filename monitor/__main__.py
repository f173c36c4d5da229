"""``python -m monitor`` runs the ``signwatch`` command."""

from monitor.cli import main

if __name__ == "__main__":
    main()

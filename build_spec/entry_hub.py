from kiosk.hub.cli import main

raise SystemExit(main())

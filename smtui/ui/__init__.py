"""The Textual dashboard: app, screens and widgets (the only part of smtui that imports textual)."""

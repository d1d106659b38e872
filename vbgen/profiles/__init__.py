"""Rule profiles (one YAML file per rule set): the single source of layout numbers."""

"""Glossaries (bảng thay thế) as data: level-to-level name replacements for derived plans."""

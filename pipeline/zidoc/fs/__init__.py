"""File-system primitives under everything else: atomic writes, OS messages, the folder lock."""

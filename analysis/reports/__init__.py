"""Report pages: offline Altair charts, escaped tables, and rendering with Quarto or the fallback."""

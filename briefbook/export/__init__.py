"""Briefing-book export: book + library + theme -> document model -> PDF / DOCX.

No Qt here. ``docmodel`` is the render-neutral model both writers consume.
"""

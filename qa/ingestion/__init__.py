"""Articles in: files, records, web pages and feeds read, cleaned, de-duplicated, chunked and committed."""

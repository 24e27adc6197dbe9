"""The register's read-only open-data API, /api/v1/: services, providers and grade history as JSON.

A published version never changes shape: fields and parameters may be added, never renamed or
removed (tests/services_registry/api/openapi_v1.json holds what v1 promised).
"""

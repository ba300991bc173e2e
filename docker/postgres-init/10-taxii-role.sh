#!/bin/bash
# Runs once, when the postgres image initialises an empty data directory: Taxii's own role and database, with the
# password from its secret file. The superuser's password (POSTGRES_PASSWORD_FILE) stays with the database service.
set -euo pipefail
password=$(tr -d '\r\n' < "${TAXII_DB_PASSWORD_FILE:?TAXII_DB_PASSWORD_FILE is not set}")
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres --set=password="$password" <<'SQL'
CREATE ROLE taxii LOGIN PASSWORD :'password';
CREATE DATABASE taxii OWNER taxii;
SQL

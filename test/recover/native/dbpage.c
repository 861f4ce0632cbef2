/*
** A read-only stand-in for SQLite's sqlite_dbpage virtual table, for tests only: Debian's
** libsqlite3 is built without it, and the sqlite3 shell's .recover needs it. Rows are
** (pgno, data) for each page of the named schema's file, read through the file's own VFS handle,
** so the shell sees the damaged bytes exactly as they are on disk. Writes are refused.
*/
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <string.h>

typedef struct { sqlite3_vtab base; sqlite3 *db; } DbpageTable;
typedef struct {
  sqlite3_vtab_cursor base;
  sqlite3_int64 pgno, last;
  int pageSize;
  sqlite3_file *fd;
} DbpageCursor;

static int dbpageConnect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                         sqlite3_vtab **out, char **err) {
  DbpageTable *t;
  int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(pgno INTEGER PRIMARY KEY, data BLOB, schema HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  t = sqlite3_malloc(sizeof(*t));
  if (t == 0) return SQLITE_NOMEM;
  memset(t, 0, sizeof(*t));
  t->db = db;
  *out = &t->base;
  return SQLITE_OK;
}

static int dbpageDisconnect(sqlite3_vtab *v) { sqlite3_free(v); return SQLITE_OK; }

/* idxNum bit 1: schema given (argv[0]); bit 2: pgno = ? given (next argv). */
static int dbpageBestIndex(sqlite3_vtab *v, sqlite3_index_info *info) {
  int i, n = 0, schemaAt = -1, pgnoAt = -1;
  for (i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (c->iColumn == 2) schemaAt = i;
    if (c->iColumn == 0 || c->iColumn == -1) pgnoAt = i;
  }
  info->idxNum = 0;
  if (schemaAt >= 0) { info->aConstraintUsage[schemaAt].argvIndex = ++n; info->aConstraintUsage[schemaAt].omit = 1; info->idxNum |= 1; }
  if (pgnoAt >= 0) { info->aConstraintUsage[pgnoAt].argvIndex = ++n; info->aConstraintUsage[pgnoAt].omit = 1; info->idxNum |= 2; info->estimatedCost = 1.0; }
  else info->estimatedCost = 1000000.0;
  return SQLITE_OK;
}

static int dbpageOpen(sqlite3_vtab *v, sqlite3_vtab_cursor **out) {
  DbpageCursor *c = sqlite3_malloc(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *out = &c->base;
  return SQLITE_OK;
}

static int dbpageClose(sqlite3_vtab_cursor *cur) { sqlite3_free(cur); return SQLITE_OK; }

static int dbpageFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  DbpageCursor *c = (DbpageCursor *)cur;
  DbpageTable *t = (DbpageTable *)cur->pVtab;
  const char *schema = "main";
  sqlite3_int64 size = 0;
  int n = 0;
  unsigned char head[2];
  if (idxNum & 1) schema = (const char *)sqlite3_value_text(argv[n++]);
  if (schema == 0) schema = "main";
  c->fd = 0;
  if (sqlite3_file_control(t->db, schema, SQLITE_FCNTL_FILE_POINTER, &c->fd) != SQLITE_OK || c->fd == 0 || c->fd->pMethods == 0) {
    c->pgno = 1; c->last = 0; return SQLITE_OK;
  }
  c->fd->pMethods->xFileSize(c->fd, &size);
  c->pageSize = 4096;
  if (c->fd->pMethods->xRead(c->fd, head, 2, 16) == SQLITE_OK) {
    int ps = (head[0] << 8) | head[1];
    if (ps == 1) ps = 65536;
    if (ps >= 512 && ps <= 65536 && (ps & (ps - 1)) == 0) c->pageSize = ps;
  }
  c->last = (size + c->pageSize - 1) / c->pageSize;
  c->pgno = 1;
  if (idxNum & 2) {
    sqlite3_int64 want = sqlite3_value_int64(argv[n]);
    if (want < 1 || want > c->last) { c->pgno = 1; c->last = 0; }
    else { c->pgno = want; c->last = want; }
  }
  return SQLITE_OK;
}

static int dbpageNext(sqlite3_vtab_cursor *cur) { ((DbpageCursor *)cur)->pgno++; return SQLITE_OK; }
static int dbpageEof(sqlite3_vtab_cursor *cur) { DbpageCursor *c = (DbpageCursor *)cur; return c->pgno > c->last; }

static int dbpageColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  DbpageCursor *c = (DbpageCursor *)cur;
  if (i == 0) { sqlite3_result_int64(ctx, c->pgno); return SQLITE_OK; }
  if (i == 1) {
    unsigned char *buf = sqlite3_malloc(c->pageSize);
    int rc;
    if (buf == 0) return SQLITE_NOMEM;
    /* A short read (truncated file) zero-fills, as SQLite's pager does. */
    rc = c->fd->pMethods->xRead(c->fd, buf, c->pageSize, (c->pgno - 1) * (sqlite3_int64)c->pageSize);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) { sqlite3_free(buf); return rc; }
    sqlite3_result_blob(ctx, buf, c->pageSize, sqlite3_free);
    return SQLITE_OK;
  }
  sqlite3_result_text(ctx, "main", -1, SQLITE_STATIC);
  return SQLITE_OK;
}

static int dbpageRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *rowid) { *rowid = ((DbpageCursor *)cur)->pgno; return SQLITE_OK; }

static sqlite3_module dbpageModule = {
  0, 0, dbpageConnect, dbpageBestIndex, dbpageDisconnect, 0, dbpageOpen, dbpageClose,
  dbpageFilter, dbpageNext, dbpageEof, dbpageColumn, dbpageRowid,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_dbpage_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  return sqlite3_create_module(db, "sqlite_dbpage", &dbpageModule, 0);
}

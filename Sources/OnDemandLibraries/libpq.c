/* libpq's functions as feedwatch calls them, each forwarding to libpq.so.5 (see loader.c). */
#include <libpq-fe.h>

#include "loader.h"

static struct fw_library pq = {"libpq.so.5", "libpq5", 0, 0};

PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname) {
    FW_REAL(pq, PGconn *(*)(const char *const *, const char *const *, int), PQconnectdbParams)
    return f_PQconnectdbParams(keywords, values, expand_dbname);
}
void PQfinish(PGconn *conn) {
    FW_REAL(pq, void (*)(PGconn *), PQfinish)
    f_PQfinish(conn);
}
void PQreset(PGconn *conn) {
    FW_REAL(pq, void (*)(PGconn *), PQreset)
    f_PQreset(conn);
}
ConnStatusType PQstatus(const PGconn *conn) {
    FW_REAL(pq, ConnStatusType (*)(const PGconn *), PQstatus)
    return f_PQstatus(conn);
}
char *PQerrorMessage(const PGconn *conn) {
    FW_REAL(pq, char *(*)(const PGconn *), PQerrorMessage)
    return f_PQerrorMessage(conn);
}
PGresult *PQexec(PGconn *conn, const char *query) {
    FW_REAL(pq, PGresult *(*)(PGconn *, const char *), PQexec)
    return f_PQexec(conn, query);
}
PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
                       const int *paramLengths, const int *paramFormats, int resultFormat) {
    FW_REAL(pq, PGresult *(*)(PGconn *, const char *, int, const Oid *, const char *const *, const int *, const int *, int),
            PQexecParams)
    return f_PQexecParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat);
}
PGresult *PQprepare(PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes) {
    FW_REAL(pq, PGresult *(*)(PGconn *, const char *, const char *, int, const Oid *), PQprepare)
    return f_PQprepare(conn, stmtName, query, nParams, paramTypes);
}
PGresult *PQexecPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues,
                         const int *paramLengths, const int *paramFormats, int resultFormat) {
    FW_REAL(pq, PGresult *(*)(PGconn *, const char *, int, const char *const *, const int *, const int *, int), PQexecPrepared)
    return f_PQexecPrepared(conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat);
}
ExecStatusType PQresultStatus(const PGresult *res) {
    FW_REAL(pq, ExecStatusType (*)(const PGresult *), PQresultStatus)
    return f_PQresultStatus(res);
}
char *PQresultErrorMessage(const PGresult *res) {
    FW_REAL(pq, char *(*)(const PGresult *), PQresultErrorMessage)
    return f_PQresultErrorMessage(res);
}
char *PQresultErrorField(const PGresult *res, int fieldcode) {
    FW_REAL(pq, char *(*)(const PGresult *, int), PQresultErrorField)
    return f_PQresultErrorField(res, fieldcode);
}
int PQntuples(const PGresult *res) {
    FW_REAL(pq, int (*)(const PGresult *), PQntuples)
    return f_PQntuples(res);
}
int PQnfields(const PGresult *res) {
    FW_REAL(pq, int (*)(const PGresult *), PQnfields)
    return f_PQnfields(res);
}
char *PQfname(const PGresult *res, int field_num) {
    FW_REAL(pq, char *(*)(const PGresult *, int), PQfname)
    return f_PQfname(res, field_num);
}
Oid PQftype(const PGresult *res, int field_num) {
    FW_REAL(pq, Oid (*)(const PGresult *, int), PQftype)
    return f_PQftype(res, field_num);
}
char *PQcmdTuples(PGresult *res) {
    FW_REAL(pq, char *(*)(PGresult *), PQcmdTuples)
    return f_PQcmdTuples(res);
}
char *PQgetvalue(const PGresult *res, int tup_num, int field_num) {
    FW_REAL(pq, char *(*)(const PGresult *, int, int), PQgetvalue)
    return f_PQgetvalue(res, tup_num, field_num);
}
int PQgetisnull(const PGresult *res, int tup_num, int field_num) {
    FW_REAL(pq, int (*)(const PGresult *, int, int), PQgetisnull)
    return f_PQgetisnull(res, tup_num, field_num);
}
void PQclear(PGresult *res) {
    FW_REAL(pq, void (*)(PGresult *), PQclear)
    f_PQclear(res);
}

export { createSqlStorage, type SqlClient, type SqlStorage, type SqlStorageOptions } from './sqlStorage';

// The copy of a connection's books (contacts, invoices, payments, credits and their allocations) is
// written a thousand rows at a statement, a hundred thousand and more in a first sync. A foreign key
// checks its connection once for every row, which cost Postgres as much as 40% of each insert. The
// books are only ever written in a transaction that first takes a key-share lock on the connection's
// row (books-write.ts), which is the same guarantee checked once: the connection exists, and cannot be
// deleted until the write commits. Deleting a connection still deletes its books, through a trigger.
import { type Kysely, sql } from 'kysely';

const BOOKS = ['credit_allocations', 'payments', 'credits', 'invoices', 'contacts'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of BOOKS) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_connection_id_fkey`)}`.execute(
      db,
    );
  }
  await sql`
    create function delete_connection_books() returns trigger language plpgsql as $$
    begin
      delete from credit_allocations where connection_id = old.id;
      delete from payments where connection_id = old.id;
      delete from credits where connection_id = old.id;
      delete from invoices where connection_id = old.id;
      delete from contacts where connection_id = old.id;
      return old;
    end $$`.execute(db);
  await sql`
    create trigger connection_books_deleted after delete on connections
    for each row execute function delete_connection_books()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger connection_books_deleted on connections`.execute(db);
  await sql`drop function delete_connection_books()`.execute(db);
  for (const table of BOOKS) {
    await sql`
      alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_connection_id_fkey`)}
      foreign key (connection_id) references connections(id) on delete cascade`.execute(db);
  }
}

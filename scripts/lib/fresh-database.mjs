// Creates an empty database on the Postgres server of `adminUrl` and returns its URL, so a run
// never sees rows of another. The name carries a timestamp; old ones are dropped after a day.
import postgres from "postgres";

export async function createFreshPostgresDatabase(adminUrl, prefix) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const stale = await admin`
      select datname from pg_database
      where datname like ${`${prefix}_%`} and datname < ${`${prefix}_${Date.now() - 86_400_000}`}`;
    for (const { datname } of stale) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
    const name = `${prefix}_${Date.now()}`;
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  } finally {
    await admin.end();
  }
}

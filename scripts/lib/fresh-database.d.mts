/** Creates an empty database on the server of `adminUrl`; returns its connection URL. */
export function createFreshPostgresDatabase(adminUrl: string, prefix: string): Promise<string>;

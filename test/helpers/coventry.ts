/** The demo seeded on SQLite, with a partnership officer of Coventry signed in: the start of most route tests. */
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../src/container.ts';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { seedDemo } from '../../src/modules/governance/index.ts';
import { Browser, buildTestApp } from './app.ts';
import type { DatabaseHandle } from '../../src/db/createDb.ts';
import { createSqlite } from './database.ts';

export const officerPassword = 'officer password 1';

export interface CoventryOfficer {
  app: FastifyInstance;
  container: Container;
  officer: Browser;
  coventry: string;
  boardId: string;
  close: () => Promise<void>;
}

/** On SQLite unless another database is given (a PostgreSQL one, say). */
export async function startAsCoventryOfficer(
  withFakes?: (container: Container) => Container,
  database?: DatabaseHandle,
): Promise<CoventryOfficer> {
  const { app, container } = await buildTestApp(database ?? (await createSqlite()), {}, withFakes);
  const coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
  const [board] = await container.governance.groups.list(coventry);
  const userId = await container.accounts.createUser(systemPrincipal, {
    email: 'officer@example.com',
    name: 'Olu Officer',
    password: officerPassword,
    isAdmin: false,
  });
  await container.accounts.grantRole(systemPrincipal, userId, 'officer', { partnershipId: coventry, areaId: null });
  const officer = new Browser(app);
  await officer.signIn('officer@example.com', officerPassword);
  return {
    app,
    container,
    officer,
    coventry,
    boardId: board?.id ?? '',
    close: async () => {
      await app.close();
      await container.database.close();
    },
  };
}

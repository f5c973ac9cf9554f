/**
 * What a request knows of who may do what is kept only while the access generation stands still (decision 0053):
 * every table it is read from moves the generation in the change's own transaction, on each engine, and a change
 * made anywhere — another process, a statement typed into the database — is seen by the very next request.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/createDb.ts';
import { addMember, addPerson } from './helpers/people.ts';
import { seedHistory } from '../bench/volume.ts';
import { Browser, testConfig } from './helpers/app.ts';
import { build, testPassword } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';
import { generationOf } from './helpers/generations.ts';
import { systemPrincipal } from '../src/platform/principal.ts';

const accessTables = ['users', 'role_grants', 'people', 'memberships', 'chair_appointments', 'groups', 'partnerships', 'areas'] as const;

for (const engine of testDatabases()) {
  describe(`access kept while unchanged (${engine.engine})`, () => {
    it('counts a change to each table that says who may do what, and none for a change undone', async (t) => {
      const { container } = await build(t, { database: await engine.create() });
      const { db } = container.database;
      for (const table of accessTables) {
        const before = await generationOf(db);
        const changed = await sql<{
          id: string;
        }>`update ${sql.table(table)} set id = id where id = (select min(id) from ${sql.table(table)}) returning id`.execute(db);
        assert.equal(changed.rows.length, 1, `a row of ${table} to change`);
        assert.ok((await generationOf(db)) > before, `a change to ${table} moves the generation`);
      }
      const before = await generationOf(db);
      await db
        .transaction()
        .execute(async (trx) => {
          await sql`update users set name = 'Someone else'`.execute(trx);
          throw new Error('undone');
        })
        .catch(() => undefined);
      assert.equal(await generationOf(db), before);
    });

    it('reads the generations with the session, and never saves them in the session', async (t) => {
      const { container } = await build(t, { database: await engine.create(), seed: false, as: 'nobody' });
      const { sessions } = container.accounts;
      const { db } = container.database;
      await sessions.save(
        'a-session',
        { userId: 'someone', accessGeneration: '41', pageGeneration: '42' },
        new Date('2099-01-01T00:00:00Z'),
      );
      const [row] = await db.selectFrom('sessions').select('data').execute();
      assert.deepEqual(JSON.parse(row?.data ?? ''), { userId: 'someone' });
      // With its end (its row's, as it was saved without one) and the mark of a session read from its row.
      const loaded = await sessions.load('a-session');
      assert.deepEqual(loaded, {
        endsAt: '2099-01-01T00:00:00.000Z',
        userId: 'someone',
        accessGeneration: String(await generationOf(db)),
        pageGeneration: String(await generationOf(db, 'pageGeneration')),
        stored: true,
      });
      await sessions.save('a-session', loaded, new Date('2099-01-01T00:00:00Z'));
      const [again] = await db.selectFrom('sessions').select('data').execute();
      assert.deepEqual(JSON.parse(again?.data ?? ''), { endsAt: '2099-01-01T00:00:00.000Z', userId: 'someone' }, 'the mark is never saved');
    });

    it('refuses at the next request a role taken away, or a partnership archived, outside the app', async (t) => {
      const { client, container, coventry } = await build(t, { database: await engine.create(), as: 'officer' });
      const { db } = container.database;
      const page = `/partnerships/${coventry}/actions`;
      assert.equal((await client.get(page)).statusCode, 200);
      assert.equal((await client.get(page)).statusCode, 200);
      await sql`update partnerships set archived_at = '2026-12-06T10:00:00Z' where id = ${coventry}`.execute(db);
      assert.equal((await client.get(page)).statusCode, 404);
      await sql`update partnerships set archived_at = null where id = ${coventry}`.execute(db);
      assert.equal((await client.get(page)).statusCode, 200);
      await sql`delete from role_grants`.execute(db);
      assert.equal((await client.get(page)).statusCode, 403);
    });

    it('refuses a change whose form was held open while the role was taken away', async (t) => {
      const { app, client, container, coventry } = await build(t, { database: await engine.create(), as: 'officer' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const token = await client.csrfToken(`/partnerships/${coventry}/organisations/new`);
      const body = new URLSearchParams({ _csrf: token, name: 'Held open', sector: 'statutory', responsibleAuthority: 'no' }).toString();
      const socket = connect((app.server.address() as AddressInfo).port, '127.0.0.1');
      await once(socket, 'connect');
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
      });
      socket.write(
        `POST /partnerships/${coventry}/organisations HTTP/1.1\r\nHost: localhost\r\nCookie: ${client.cookieHeader}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
      );
      // The session is read as the headers arrive; the role goes while the body is still to come.
      await setTimeout(300);
      const officer = (await container.accounts.listUsers()).find((user) => user.email === 'officer@example.com');
      const { grants } = await container.accounts.getUser(officer?.id ?? '');
      await container.accounts.revokeRole(systemPrincipal, officer?.id ?? '', grants[0]?.id ?? '');
      socket.write(body.slice(5));
      assert.match(await answer, /^HTTP\/1\.1 403 /);
      assert.ok(!(await container.governance.organisations.list(coventry)).some((organisation) => organisation.name === 'Held open'));
    });

    it('sees a change made by another process at its next request', async (t) => {
      const { client, container, coventry } = await build(t, { database: await engine.create(), as: 'officer' });
      // A second app on the same database, as a second process would be.
      const other = createContainer(testConfig, { database: createDb(container.database.location) });
      const otherApp = await buildApp(other, { logger: false });
      t.after(async () => {
        await otherApp.close();
        await other.database.close();
      });
      const page = `/partnerships/${coventry}/actions`;
      assert.equal((await client.get(page)).statusCode, 200);
      const [officer] = (await other.accounts.listUsers()).filter((user) => user.email === 'officer@example.com');
      const { grants } = await other.accounts.getUser(officer?.id ?? '');
      await other.accounts.revokeRole(systemPrincipal, officer?.id ?? '', grants[0]?.id ?? '');
      assert.equal((await client.get(page)).statusCode, 403);
    });

    it('begins a deleted count again beyond any number it reached, so a kept page is never taken for the new one', async (t) => {
      const { client, container, coventry, boardId } = await build(t, { database: await engine.create(), as: 'officer' });
      const { db } = container.database;
      await seedHistory(db, coventry, [boardId], { meetingCount: 1, actionsPerMeeting: 1, firstMonth: '2026-09' });
      const log = `/partnerships/${coventry}/actions`;
      assert.match((await client.get(log)).body, /Action 1 of meeting 1/);
      for (const counted of ['accessGeneration', 'pageGeneration'] as const) {
        const kept = await generationOf(db, counted);
        await db.deleteFrom(counted).execute();
        assert.ok((await generationOf(db, counted)) > kept, `${counted} is back at once, beyond where it was`);
      }
      await sql`update actions set description = 'Renamed after the counts were deleted' where partnership_id = ${coventry}`.execute(db);
      assert.match((await client.get(log)).body, /Renamed after the counts were deleted/);
    });

    it('reads the seats again on a new day, with nothing changed', async (t) => {
      let today = new Date('2026-12-06T23:00:00Z');
      const { app, container, coventry, boardId } = await build(t, { database: await engine.create(), clock: { now: () => today } });
      const { governance } = container;
      const organisationId = (await governance.organisations.list(coventry))[0]?.id ?? '';
      const personId = await addPerson(governance, coventry, { name: 'Ann Smith', email: 'ann@example.com', organisationId });
      await addMember(governance, coventry, { groupId: boardId, personId, organisationId, role: 'member', endDate: '2026-12-06' });
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'ann@example.com',
        name: 'Ann Smith',
        password: testPassword,
        isAdmin: false,
      });
      await governance.linkAccount(systemPrincipal, coventry, personId, userId);
      const ann = new Browser(app);
      await ann.signIn('ann@example.com', testPassword);
      const page = `/partnerships/${coventry}/actions`;
      assert.equal((await ann.get(page)).statusCode, 200, 'a member on the last day of the membership');
      today = new Date('2026-12-07T00:30:00Z');
      assert.equal((await ann.get(page)).statusCode, 403, 'no longer a member the day after');
    });
  });
}

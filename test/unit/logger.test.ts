import { createLogger } from '../../src/logger';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the logger on standard output', () => {
  let writes: string[];
  let spy: jest.SpiedFunction<typeof process.stdout.write>;

  beforeEach(() => {
    writes = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
  });
  afterEach(() => spy.mockRestore());

  it('writes the lines of one turn of the event loop together, in order, once the turn ends', async () => {
    const logger = createLogger('info', undefined, () => new Date('2026-12-07T09:00:00Z'));
    logger.info('request', { status: 200 });
    logger.debug('not at this level');
    logger.warn('request', { status: 404 });
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toHaveLength(1);
    const lines = writes[0]!.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2026-12-07T09:00:00.000Z',
      level: 'info',
      msg: 'request',
      status: 200,
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'warn', status: 404 });
  });

  it('writes what is waiting when the process exits (process.exit, an uncaught error)', async () => {
    const before = new Set(process.listeners('exit'));
    await jest.isolateModulesAsync(async () => {
      const fresh = await import('../../src/logger');
      fresh.createLogger('info').error('start-up failed', { error: 'DatabaseStartupError' });
    });
    const added = process.listeners('exit').filter((listener) => !before.has(listener));
    expect(added).toHaveLength(1);
    expect(writes).toEqual([]);
    process.removeListener('exit', added[0]!);
    added[0]!(1);
    expect(writes.join('')).toContain('"msg":"start-up failed"');
  });

  it('writes at once when more than 64 KB are waiting', async () => {
    const logger = createLogger('info');
    const path = '/t/amberwood/'.padEnd(1000, 'x');
    for (let i = 0; i < 70; i += 1) logger.info('request', { path });
    expect(writes).toHaveLength(1);
    expect(writes[0]!.length).toBeGreaterThan(65_536);
    await nextTurn();
    expect(writes.join('').split('\n')).toHaveLength(71);
  });
});

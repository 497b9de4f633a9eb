import { actorFor, listAuditSink } from '../src/audit-sink';
import { createCollectionPointsRepository } from '../src/kiosk/collection-points-repository';
import { createKioskService } from '../src/kiosk/kiosk-service';
import { buildTestApp } from './support/test-app';

function kiosks() {
  const t = buildTestApp({ now: '2026-11-23T09:00:00Z' });
  const audit = listAuditSink();
  const service = createKioskService({
    clock: t.clock,
    points: createCollectionPointsRepository(t.deps.db),
    audit,
    silentAfterMinutes: 30,
  });
  const pointId = service.createPoint(
    {
      code: 'amberwood-lounge',
      label: 'Amberwood lounge tablet',
      teamCode: 'amberwood',
      mode: 'kiosk_tablet',
      surveyCodes: ['friends-family-carers'],
    },
    actorFor(1),
  );
  return { t, audit, service, pointId };
}

describe('kiosk devices', () => {
  it('enrols a device with a credential that identifies its collection point, storing only a hash', () => {
    const { t, service, pointId } = kiosks();
    const { credential } = service.enrol(pointId, actorFor(1));
    expect(service.deviceFor(credential)?.point).toMatchObject({
      code: 'amberwood-lounge',
      teamCode: 'amberwood',
      mode: 'kiosk_tablet',
    });
    expect(JSON.stringify(t.deps.db.prepare('SELECT * FROM kiosk_devices').all())).not.toContain(credential);
  });

  it.each([undefined, '', 'guess', 'x'.repeat(500)])('does not recognise the credential %p', (credential) => {
    const { service } = kiosks();
    expect(service.deviceFor(credential)).toBeUndefined();
  });

  it('stops recognising a revoked device, or one whose collection point retired', () => {
    const { service, pointId } = kiosks();
    const a = service.enrol(pointId, actorFor(1));
    const b = service.enrol(pointId, actorFor(1));
    service.revoke(a.deviceId, actorFor(1));
    expect(service.deviceFor(a.credential)).toBeUndefined();
    expect(service.deviceFor(b.credential)).toBeDefined();
    service.retirePoint(pointId, actorFor(1));
    expect(service.deviceFor(b.credential)).toBeUndefined();
  });

  it('shows each kiosk silent until it reports, and again when it has been quiet too long', () => {
    const { t, service, pointId } = kiosks();
    const { deviceId } = service.enrol(pointId, actorFor(1));
    expect(service.statuses()[0]).toMatchObject({
      pointCode: 'amberwood-lounge',
      silent: true,
      lastSeenAt: null,
    });
    service.heartbeat(deviceId);
    expect(service.statuses()[0]).toMatchObject({
      silent: false,
      lastSeenAt: '2026-11-23T09:00:00.000Z',
      responsesToday: 0,
    });
    t.clock.advance(31 * 60_000);
    expect(service.statuses()[0]?.silent).toBe(true);
  });

  it('refuses a duplicate code, an unknown code shape and a non-kiosk enrolment, and audits what it does', () => {
    const { service, audit, pointId } = kiosks();
    expect(() =>
      service.createPoint(
        {
          code: 'amberwood-lounge',
          label: 'x',
          teamCode: 'amberwood',
          mode: 'kiosk_tablet',
          surveyCodes: ['a'],
        },
        actorFor(1),
      ),
    ).toThrow('already used');
    expect(() =>
      service.createPoint(
        { code: 'Bad Code', label: 'x', teamCode: 'amberwood', mode: 'online_qr', surveyCodes: ['a'] },
        actorFor(1),
      ),
    ).toThrow('lowercase');
    const qr = service.createPoint(
      { code: 'amberwood-qr', label: 'Poster', teamCode: 'amberwood', mode: 'online_qr', surveyCodes: ['a'] },
      actorFor(1),
    );
    expect(() => service.enrol(qr, actorFor(1))).toThrow('Only kiosk collection points');
    service.enrol(pointId, actorFor(1));
    expect(audit.events.map((e) => e.action)).toEqual([
      'collection_point.created',
      'collection_point.created',
      'kiosk.enrolled',
    ]);
  });
});

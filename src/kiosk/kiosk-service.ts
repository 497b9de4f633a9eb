import { createHash, randomBytes } from 'node:crypto';
import type { AuditActor, AuditSink } from '../audit-sink';
import { londonDateOf, type Clock } from '../clock';
import type { CollectionMode } from '../responses/submission-token';
import type { CollectionPoint, CollectionPointsRepository } from './collection-points-repository';

export class CollectionPointError extends Error {
  constructor(
    message: string,
    public readonly field: string,
  ) {
    super(message);
    this.name = 'CollectionPointError';
  }
}

const hashOf = (credential: string) => createHash('sha256').update(credential).digest('hex');

/**
 * Collection points and kiosk devices. A kiosk is enrolled once by an admin: the device receives a random
 * credential (kept in a long-lived httpOnly cookie; only its hash is stored), which ties it to its collection point
 * and so to its team, survey(s) and the kiosk_tablet mode. Revoking the device or retiring the point ends it.
 */
export function createKioskService(deps: {
  clock: Clock;
  points: CollectionPointsRepository;
  audit: AuditSink;
  /** Minutes without a heartbeat after which a kiosk is shown as silent. */
  silentAfterMinutes: number;
}) {
  const { clock, points, audit } = deps;
  const now = () => clock.now().toISOString();

  return {
    createPoint(
      point: { code: string; label: string; teamCode: string; mode: CollectionMode; surveyCodes: string[] },
      actor: AuditActor | null,
    ): number {
      if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(point.code)) {
        throw new CollectionPointError('Code must be 2 to 40 lowercase letters, digits or hyphens', 'code');
      }
      if (points.byCode(point.code)) throw new CollectionPointError('That code is already used', 'code');
      if (point.surveyCodes.length === 0)
        throw new CollectionPointError('Select at least one survey', 'surveyCodes');
      const id = points.create(point, now());
      audit.record({
        actor,
        action: 'collection_point.created',
        objectType: 'collection_point',
        objectId: point.code,
        details: { team: point.teamCode, mode: point.mode },
      });
      return id;
    },

    retirePoint(id: number, actor: AuditActor | null): void {
      const point = points.byId(id);
      if (!point || !points.retire(id, now()))
        throw new CollectionPointError('This collection point is already retired', 'id');
      audit.record({
        actor,
        action: 'collection_point.retired',
        objectType: 'collection_point',
        objectId: point.code,
      });
    },

    /** The credential to put in the device's cookie. Shown once; only its hash is kept. */
    enrol(pointId: number, actor: AuditActor | null): { credential: string; deviceId: number } {
      const point = points.byId(pointId);
      if (!point || point.retiredAt)
        throw new CollectionPointError('Choose an active collection point', 'pointId');
      if (point.mode !== 'kiosk_tablet')
        throw new CollectionPointError('Only kiosk collection points enrol devices', 'pointId');
      const credential = randomBytes(32).toString('base64url');
      const deviceId = points.enrolDevice(pointId, hashOf(credential), now(), actor?.userId ?? null);
      audit.record({
        actor,
        action: 'kiosk.enrolled',
        objectType: 'kiosk_device',
        objectId: String(deviceId),
        details: { point: point.code },
      });
      return { credential, deviceId };
    },

    revoke(deviceId: number, actor: AuditActor | null): void {
      if (!points.revokeDevice(deviceId, now(), actor?.userId ?? null))
        throw new CollectionPointError('This kiosk is already revoked', 'deviceId');
      audit.record({
        actor,
        action: 'kiosk.revoked',
        objectType: 'kiosk_device',
        objectId: String(deviceId),
      });
    },

    /** The device and its active collection point, or undefined for an unknown, revoked or retired credential. */
    deviceFor(credential: string | undefined): { deviceId: number; point: CollectionPoint } | undefined {
      if (!credential || credential.length > 100) return undefined;
      const device = points.deviceByCredentialHash(hashOf(credential));
      const point = device && points.byId(device.pointId);
      return device && point ? { deviceId: device.deviceId, point } : undefined;
    },

    heartbeat: (deviceId: number) => points.heartbeat(deviceId, now()),

    pointByCode: (code: string) => points.byCode(code),
    listPoints: () => points.list(),

    /** Each enrolled kiosk with its last contact, responses today and whether it has gone silent. */
    statuses() {
      const nowMs = clock.now().getTime();
      return points.kioskStatuses(londonDateOf(clock.now())).map((status) => ({
        ...status,
        silent:
          status.lastSeenAt === null ||
          nowMs - new Date(status.lastSeenAt).getTime() > deps.silentAfterMinutes * 60_000,
      }));
    },
  };
}

export type KioskService = ReturnType<typeof createKioskService>;

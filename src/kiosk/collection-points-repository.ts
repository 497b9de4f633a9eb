import type { Db } from '../db/database';
import type { CollectionMode } from '../responses/submission-token';

export interface CollectionPoint {
  id: number;
  code: string;
  label: string;
  teamId: number;
  teamCode: string;
  mode: CollectionMode;
  surveyCodes: string[];
  retiredAt: string | null;
}

export interface KioskStatus {
  deviceId: number;
  pointCode: string;
  pointLabel: string;
  teamCode: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  responsesToday: number;
}

type PointRow = Omit<CollectionPoint, 'surveyCodes'> & { surveyCodes: string };
const toPoint = (row: PointRow | undefined): CollectionPoint | undefined =>
  row && { ...row, surveyCodes: JSON.parse(row.surveyCodes) as string[] };

export function createCollectionPointsRepository(db: Db) {
  const pointColumns = `cp.id, cp.code, cp.label, cp.team_id AS teamId, t.code AS teamCode, cp.mode,
    cp.survey_codes AS surveyCodes, cp.retired_at AS retiredAt`;
  const byCode = db.prepare(
    `SELECT ${pointColumns} FROM collection_points cp JOIN teams t ON t.id = cp.team_id WHERE cp.code = :code`,
  );
  const byId = db.prepare(
    `SELECT ${pointColumns} FROM collection_points cp JOIN teams t ON t.id = cp.team_id WHERE cp.id = :id`,
  );
  const list = db.prepare(
    `SELECT ${pointColumns} FROM collection_points cp JOIN teams t ON t.id = cp.team_id
     ORDER BY cp.retired_at IS NOT NULL, t.code, cp.label`,
  );
  const insert = db.prepare(
    `INSERT INTO collection_points (code, label, team_id, mode, survey_codes, created_at)
     VALUES (:code, :label, (SELECT id FROM teams WHERE code = :teamCode), :mode, :surveyCodes, :createdAt)`,
  );
  const retire = db.prepare(
    'UPDATE collection_points SET retired_at = :at WHERE id = :id AND retired_at IS NULL',
  );
  const insertDevice = db.prepare(
    `INSERT INTO kiosk_devices (collection_point_id, credential_hash, enrolled_at, enrolled_by)
     VALUES (:pointId, :hash, :at, :actor)`,
  );
  const deviceByHash = db.prepare(
    `SELECT d.id AS deviceId, d.collection_point_id AS pointId FROM kiosk_devices d
     JOIN collection_points cp ON cp.id = d.collection_point_id
     WHERE d.credential_hash = :hash AND d.revoked_at IS NULL AND cp.retired_at IS NULL`,
  );
  const revoke = db.prepare(
    'UPDATE kiosk_devices SET revoked_at = :at, revoked_by = :actor WHERE id = :deviceId AND revoked_at IS NULL',
  );
  const heartbeat = db.prepare(
    'UPDATE kiosk_devices SET last_seen_at = :at WHERE id = :deviceId AND revoked_at IS NULL',
  );
  const statuses = db.prepare(
    `SELECT d.id AS deviceId, cp.code AS pointCode, cp.label AS pointLabel, t.code AS teamCode,
            d.enrolled_at AS enrolledAt, d.last_seen_at AS lastSeenAt,
            (SELECT count(*) FROM responses r WHERE r.collection_point_id = cp.id AND r.submitted_on = :today)
              AS responsesToday
     FROM kiosk_devices d JOIN collection_points cp ON cp.id = d.collection_point_id JOIN teams t ON t.id = cp.team_id
     WHERE d.revoked_at IS NULL ORDER BY t.code, cp.label`,
  );

  return {
    byCode: (code: string) => toPoint(byCode.get({ code }) as PointRow | undefined),
    byId: (id: number) => toPoint(byId.get({ id }) as PointRow | undefined),
    list: () => (list.all() as PointRow[]).map((row) => toPoint(row) as CollectionPoint),
    create: (
      point: { code: string; label: string; teamCode: string; mode: CollectionMode; surveyCodes: string[] },
      at: string,
    ) =>
      Number(
        insert.run({ ...point, surveyCodes: JSON.stringify(point.surveyCodes), createdAt: at })
          .lastInsertRowid,
      ),
    retire: (id: number, at: string) => retire.run({ id, at }).changes === 1,
    enrolDevice: (pointId: number, hash: string, at: string, actor: number | null) =>
      Number(insertDevice.run({ pointId, hash, at, actor }).lastInsertRowid),
    deviceByCredentialHash: (hash: string) =>
      deviceByHash.get({ hash }) as { deviceId: number; pointId: number } | undefined,
    revokeDevice: (deviceId: number, at: string, actor: number | null) =>
      revoke.run({ deviceId, at, actor }).changes === 1,
    heartbeat: (deviceId: number, at: string) => heartbeat.run({ deviceId, at }).changes === 1,
    kioskStatuses: (today: string) => statuses.all({ today }) as KioskStatus[],
  };
}

export type CollectionPointsRepository = ReturnType<typeof createCollectionPointsRepository>;

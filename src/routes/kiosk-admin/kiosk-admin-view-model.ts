import type { CollectionPoint, KioskStatus } from '../../kiosk/collection-points-repository';
import { collectionModes, publicModes, type CollectionMode } from '../../responses/submission-token';

export const modeLabels: Record<CollectionMode, string> = {
  kiosk_tablet: 'Kiosk (tablet)',
  online_qr: 'QR code',
  online_link: 'Link',
  paper: 'Paper',
  telephone: 'Telephone',
  sms: 'Text message (SMS)',
  other: 'Other',
};

const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "23 Nov 2026, 14:05" in London time; "Never" before the first contact. */
export function formatContact(iso: string | null): string {
  return iso === null ? 'Never' : londonTime.format(new Date(iso));
}

export interface PointRow {
  id: number;
  label: string;
  code: string;
  team: string;
  mode: string;
  surveys: string;
  address: string;
  status: string;
  retired: boolean;
  retireAction: string;
  enrolAction: string | undefined;
  /** Points with a public address of their own have a poster that encodes it. */
  posterHref: string | undefined;
}

/** The collection points list: retired ones last (the repository's order), each with its public address. */
export function buildPointListViewModel(points: CollectionPoint[], publicBaseUrl: string, enrolled: boolean) {
  const rows: PointRow[] = points.map((point) => ({
    id: point.id,
    label: point.label,
    code: point.code,
    team: point.teamCode,
    mode: modeLabels[point.mode],
    surveys: point.surveyCodes.join(', '),
    address:
      point.mode === 'kiosk_tablet'
        ? 'Enrolled tablets open /kiosk'
        : point.mode === 'paper' || point.mode === 'telephone'
          ? 'Entered by staff'
          : new URL(`/c/${point.code}`, publicBaseUrl).toString(),
    status: point.retiredAt === null ? 'Active' : 'Retired',
    retired: point.retiredAt !== null,
    retireAction: `/staff/admin/collection-points/${point.id}/retire`,
    enrolAction:
      point.mode === 'kiosk_tablet' && point.retiredAt === null
        ? `/staff/admin/collection-points/${point.id}/enrol`
        : undefined,
    posterHref:
      point.retiredAt === null && publicModes.includes(point.mode)
        ? `/posters/points/${point.code}`
        : undefined,
  }));
  return {
    pageTitle: 'Collection points',
    rows,
    enrolledNote: enrolled ? 'This device is now a kiosk. Sign out, then open /kiosk.' : undefined,
  };
}

export interface NewPointValues {
  team: string;
  label: string;
  code: string;
  mode: string;
  surveys: string[];
}

/** The add-a-collection-point form, with what was typed and the errors (field name -> message). */
export function buildNewPointViewModel(input: {
  teams: { code: string; name: string }[];
  surveys: { code: string; title: string }[];
  values: NewPointValues;
  errors: Record<string, string>;
}) {
  const { values, errors } = input;
  const title = 'Add a collection point';
  const errorFor = (name: string) => (errors[name] ? { text: errors[name] } : undefined);
  return {
    pageTitle: Object.keys(errors).length > 0 ? `Error: ${title}` : title,
    errorList: Object.entries(errors).map(([field, text]) => ({
      text,
      href: `#${field === 'surveys' ? `survey-${input.surveys[0]?.code ?? ''}` : field}`,
    })),
    teamOptions: [
      { value: '', text: 'Choose a team', selected: values.team === '' },
      ...input.teams.map((t) => ({ value: t.code, text: t.name, selected: t.code === values.team })),
    ],
    teamError: errors.team,
    labelField: {
      name: 'label',
      label: { text: 'Label' },
      hint: { text: 'Where it is, for example "Amberwood ward day room tablet"' },
      value: values.label,
      errorMessage: errorFor('label'),
      autocomplete: 'off',
    },
    codeField: {
      name: 'code',
      label: { text: 'Address code' },
      hint: { text: 'Lowercase letters, digits and hyphens, for example amberwood-dayroom' },
      value: values.code,
      errorMessage: errorFor('code'),
      autocomplete: 'off',
      spellcheck: false,
    },
    modeField: {
      name: 'mode',
      fieldset: { legend: { text: 'How it collects feedback', size: 's' } },
      errorMessage: errorFor('mode'),
      items: collectionModes.map((mode) => ({
        value: mode,
        text: modeLabels[mode],
        checked: values.mode === mode,
      })),
    },
    surveyItems: input.surveys.map((survey) => ({
      id: `survey-${survey.code}`,
      name: `survey-${survey.code}`,
      text: survey.title,
      checked: values.surveys.includes(survey.code),
    })),
    surveysError: errors.surveys,
  };
}

/** The kiosks list: silent ones say so in words and carry a tag, never colour alone. */
export function buildKioskStatusViewModel(
  statuses: (KioskStatus & { silent: boolean })[],
  silentAfterMinutes: number,
) {
  return {
    pageTitle: 'Kiosks',
    silentAfterMinutes,
    silentCount: statuses.filter((s) => s.silent).length,
    rows: statuses.map((status) => ({
      label: status.pointLabel,
      team: status.teamCode,
      lastContact: formatContact(status.lastSeenAt),
      responsesToday: String(status.responsesToday),
      silent: status.silent,
      revokeAction: `/staff/admin/kiosks/${status.deviceId}/revoke`,
      deviceId: status.deviceId,
    })),
  };
}

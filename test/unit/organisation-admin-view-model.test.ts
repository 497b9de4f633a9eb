import { buildPosterViewModel } from '../../src/posters/poster-view-model';
import {
  buildNewTeamViewModel,
  buildTeamListViewModel,
} from '../../src/routes/organisation-admin/organisation-admin-view-model';
import {
  buildNewUnitViewModel,
  buildUnitListViewModel,
  buildUnitViewModel,
} from '../../src/routes/organisation-admin/organisation-units-view-model';

const noUnits = { sites: [], directorates: [], communities: [] };
const emptyTeam = {
  code: '',
  name: '',
  site: '',
  directorate: '',
  community: '',
  setting: '',
  kind: '',
  day: '',
  month: '',
  year: '',
};

describe('organisation admin view models', () => {
  it.each([
    ['sites', 'Sites', 'Add a site'],
    ['directorates', 'Directorates', 'Add a directorate'],
    ['communities', 'Communities of Excellence', 'Add a Community of Excellence'],
  ])('names the %s list and its add link', (segment, heading, addText) => {
    const model = buildUnitListViewModel(segment, [
      { id: 1, code: 'a', name: 'A', openedOn: null, retiredOn: null },
      { id: 2, code: 'b', name: 'B', openedOn: '2027-04-01', retiredOn: '2028-04-01' },
    ]);
    expect(model.heading).toBe(heading);
    expect(model.addText).toBe(addText);
    expect(model.addHref).toBe(`/staff/admin/organisation/units/${segment}/new`);
    expect(model.rows.map((r) => [r.opened, r.retired])).toEqual([
      ['From the start', 'Open'],
      ['1 April 2027', 'Retired from 1 April 2028'],
    ]);
  });

  it('asks a directorate, and only a directorate, for its kind', () => {
    const values = { code: '', name: '', kind: '', day: '', month: '', year: '' };
    expect(buildNewUnitViewModel('directorates', values, {}).kindSelect?.id).toBe('kind');
    expect(buildNewUnitViewModel('sites', values, {}).kindSelect).toBeUndefined();
  });

  it('orders the add-team errors as the form and links the date to its day field', () => {
    const model = buildNewTeamViewModel({
      units: noUnits,
      values: emptyTeam,
      errors: { date: 'Enter the date', code: 'Enter the team code', kind: 'Select the kind of team' },
    });
    expect(model.pageTitle).toBe('Error: Add a team');
    expect(model.errorList.map((e) => e.href)).toEqual(['#code', '#kind', '#date-day']);
    expect(model.selects.map((s) => [s.items[0]?.value, s.items[0]?.selected])).toEqual(
      model.selects.map(() => ['', true]),
    );
  });

  it('shows a unit retired on a date, with no retire form, and its former names in London dates', () => {
    const model = buildUnitViewModel({
      segment: 'sites',
      unit: { id: 1, code: 'a', name: 'A', openedOn: null, retiredOn: '2027-05-01' },
      renames: [{ formerName: 'Old A', newName: 'A', renamedAt: '2027-03-31T23:30:00.000Z' }],
      name: '',
      retireValues: { day: '', month: '', year: '' },
      errors: {},
    });
    expect(model.retired).toBe('1 May 2027');
    expect(model.formerNames).toEqual([{ name: 'Old A', until: '1 April 2027' }]);
    expect(model.caption).toBe('Site');
  });

  it('lists teams starting later with their start date', () => {
    expect(
      buildTeamListViewModel([], [{ code: 'w', name: 'Willow', startsOn: '2027-04-01' }]).upcoming,
    ).toEqual([{ name: 'Willow', href: '/staff/admin/organisation/teams/w', startsOn: '1 April 2027' }]);
  });
});

describe('poster view model', () => {
  it.each([
    [undefined, 'https://f.example/t/amberwood', 'https://f.example/q/amberwood', '/posters/amberwood.svg'],
    [
      { code: 'amberwood-leaflet', label: 'Leaflet' },
      'https://f.example/c/amberwood-leaflet',
      'https://f.example/c/amberwood-leaflet',
      '/posters/points/amberwood-leaflet.svg',
    ],
  ])('for point %j shows %s and encodes %s', (point, url, qrUrl, svgHref) => {
    const model = buildPosterViewModel(
      'https://f.example',
      { code: 'amberwood', name: 'Amberwood Ward' },
      point,
    );
    expect([model.url, model.qrUrl, model.svgHref]).toEqual([url, qrUrl, svgHref]);
  });
});

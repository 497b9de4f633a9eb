import { readTypedDate } from '../../src/routes/staff-entry/staff-entry-view-model';

describe('readTypedDate (organisation admin date inputs)', () => {
  it('gives the ISO date for a real date', () => {
    expect(readTypedDate({ day: '1', month: '4', year: '2027' }, 'it opens')).toEqual({ date: '2027-04-01' });
  });

  it('asks for the date when nothing was typed, naming what the date is', () => {
    expect(readTypedDate({ day: '', month: '', year: '' }, 'the team starts taking feedback')).toEqual({
      message: 'Enter the date the team starts taking feedback',
    });
  });

  it('refuses a date that does not exist, or is incomplete, with an example', () => {
    for (const values of [
      { day: '31', month: '2', year: '2027' },
      { day: '1', month: '', year: '2027' },
      { day: 'x', month: '4', year: '2027' },
    ]) {
      expect(readTypedDate(values, 'it closes')).toEqual({
        message: 'Date it closes must be a real date, like 1 4 2027',
      });
    }
  });
});

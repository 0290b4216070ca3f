import { casesByState } from './pipeline-view';

describe('casesByState', () => {
  it('orders states as the pipeline runs and marks which cases are still in flight', () => {
    const rows = [
      { status: 'WARNED', cases: 4 },
      { status: 'UNDER_REVIEW', cases: 2 },
      { status: 'RECEIVED', cases: 1 },
      { status: 'SOMETHING_NEW', cases: 1 },
    ];
    expect(casesByState(rows)).toEqual([
      { status: 'RECEIVED', cases: 1, inFlight: true },
      { status: 'UNDER_REVIEW', cases: 2, inFlight: true },
      { status: 'WARNED', cases: 4, inFlight: false },
      { status: 'SOMETHING_NEW', cases: 1, inFlight: true },
    ]);
  });
});

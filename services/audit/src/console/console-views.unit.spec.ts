import { REQUIRED_ROLES_KEY } from '@forewarn/platform';
import { ConsoleDataController } from './console-data.controller';
import { ViewRoles, viewsFor } from './console-views';

describe('viewsFor', () => {
  it('gives an operator the pipeline, deadlines and dead letters, but no cases', () => {
    expect(viewsFor(['operator'])).toEqual(['pipeline', 'deadlines', 'dead-letters']);
  });

  it('gives an auditor cases, the pipeline and deadlines, but no dead letters to re-drive', () => {
    expect(viewsFor(['auditor'])).toEqual(['pipeline', 'cases', 'deadlines']);
  });

  it('gives a person with both roles every view once, and other roles none', () => {
    expect(viewsFor(['auditor', 'operator'])).toEqual(['pipeline', 'cases', 'deadlines', 'dead-letters']);
    expect(viewsFor(['analyst', 'agency-submitter'])).toEqual([]);
  });
});

describe('the console data endpoints', () => {
  // The page hides views; the server must refuse the same people the page hides them from.
  const roles = (method: keyof ConsoleDataController) => Reflect.getMetadata(REQUIRED_ROLES_KEY, ConsoleDataController.prototype[method]);

  it('require the roles of the view they feed', () => {
    expect(roles('pipeline')).toEqual(ViewRoles.pipeline);
    expect(roles('deadlines')).toEqual(ViewRoles.deadlines);
    expect(roles('deadLetters')).toEqual(ViewRoles['dead-letters']);
  });

  it('let any signed-in person ask who they are, so the page can say what they may see', () => {
    expect(roles('me')).toBeUndefined();
  });
});

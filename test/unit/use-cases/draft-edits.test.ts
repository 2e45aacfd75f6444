import { updateDraft } from '../../../shared/domain/applications/drafts';
import { FOOD_FORM } from '../../support/food-case';
import { foodDraft, uploadFile } from '../../support/in-memory/scenarios';
import { inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

const { enterprise } = PRINCIPALS;

describe('draft edits that meet each other', () => {
  it("an upload confirmed while the page's autosave commits keeps both: the file and the new answer", async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world, []);
    // The autosave commits between the confirmation's read and its commit.
    world.cases.beforeNextCommit(async () => {
      await updateDraft(draft.id, { ...FOOD_FORM, premisesArea: 70 }, enterprise, world.deps);
    });
    const after = await uploadFile(world, draft.id, 'floorPlan');

    expect(after.form).toMatchObject({ premisesArea: 70 });
    expect(after.materials.floorPlan?.files).toHaveLength(1);
    expect(await world.cases.get(draft.id)).toEqual(after);
    const actions = (await world.cases.history(draft.id)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['draft-updated', 'material-added']);
  });

  it('an autosave that meets a confirmed upload is applied again, on top of the file', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world, []);
    world.cases.beforeNextCommit(async () => {
      await uploadFile(world, draft.id, 'floorPlan');
    });
    const after = await updateDraft(draft.id, { ...FOOD_FORM, premisesArea: 70 }, enterprise, world.deps);

    expect(after.form).toMatchObject({ premisesArea: 70 });
    expect(after.materials.floorPlan?.files).toHaveLength(1);
  });
});

import { LocalCloud } from '../../infra/local/cloud';

/**
 * Scripts and tests may run one local cloud after another in the same process. Each serves on new ports, and the
 * handlers' SDK clients are the process's: they must follow the running cloud's endpoints, or the second cloud's
 * outbox relay keeps putting its events on the first cloud's closed bus, and nothing settles.
 */
it('relays the second cloud’s events to its own bus after a first cloud in the same process relayed and stopped', async () => {
  const first = await LocalCloud.start({ seed: true, clock: 'real' });
  await first.idle();
  await first.stop();

  // Seeding imports the demo licences, whose Licence.Imported events go through the outbox to the bus.
  const second = await LocalCloud.start({ seed: true, clock: 'real' });
  try {
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      second.idle().then(() => 'settled'),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('still retrying after 30 s'), 30_000);
      }),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('settled');
  } finally {
    await second.stop();
  }
}, 90_000);

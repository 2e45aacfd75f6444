import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Hall = components['schemas']['Hall'];

let all: Promise<ReadonlyMap<string, Hall>> | undefined;

/** Every hall by id (read once per visit), for the addresses and phone numbers beside a booking. */
export function useHallDirectory(): ReadonlyMap<string, Hall> {
  const [halls, setHalls] = useState<ReadonlyMap<string, Hall>>(new Map());
  useEffect(() => {
    let cancelled = false;
    all ??= unwrap(api().GET('/halls', {})).then(
      (page) => new Map(page.items.map((h) => [h.id, h])),
      (error: unknown) => {
        all = undefined;
        throw error;
      },
    );
    all.then(
      (loaded) => !cancelled && setHalls(loaded),
      () => undefined, // the booking's own hall name stands
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return halls;
}

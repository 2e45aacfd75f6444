#!/usr/bin/env bash
# The static checks `npm test` runs before jest, side by side on two cores: the API types generated once, then both
# type checks in the background while lint, the architecture rules and the web build run. Fails if any one fails.
set -u
npm run -s gen:api || exit 1
tsc --noEmit -p tsconfig.json &
root=$!
tsc --noEmit -p web/tsconfig.json &
web=$!
npm run -s lint && npm run -s lint:architecture && vite build --config web/vite.config.ts
rest=$?
wait "$root"
root_status=$?
wait "$web"
web_status=$?
exit $((rest || root_status || web_status))

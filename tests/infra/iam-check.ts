import type { FunctionDefinition } from '../../functions/manifest-types.js';
import type { AwsCall } from '../../infra/local/aws-call-recording.js';
import type { IamModel } from './iam-model.js';
import { evaluate } from './iam-policy.js';
import { eventSourceNeeds, type Need, needsOf } from './iam-requests.js';

/** Failure lines beyond this many are counted, not listed: one missing grant repeats itself. */
const SHOWN = 25;

/**
 * Every recorded call held to its function's synthesized policy, and each function that ran to
 * what Lambda needs to trigger it. Returns one line per refused grant (the first call that needed
 * it, and how many did), naming the function, the call and what the policy lacks.
 */
export function checkAwsCalls(
  calls: readonly AwsCall[],
  model: IamModel,
  manifest: readonly FunctionDefinition[],
): string[] {
  const refused = new Map<string, { line: string; count: number }>();
  const refuse = (key: string, line: string) => {
    const seen = refused.get(key);
    if (seen) seen.count += 1;
    else refused.set(key, { line, count: 1 });
  };
  const check = (fn: string, need: Need, sent: boolean) => {
    const decision = evaluate(model.functions[fn]?.statements ?? [], need.request);
    if (decision.allowed) return;
    const { action, resource } = need.request;
    const line = sent
      ? `${fn} sent ${need.what}: ${decision.reason}`
      : `${fn} needs ${action} on ${resource} for ${need.what}: ${decision.reason}`;
    refuse(`${fn}|${action}|${resource}|${decision.reason}`, line);
  };

  for (const call of calls) {
    const translated = needsOf(call, model);
    if ('error' in translated)
      refuse(`${call.fn}|${translated.error}`, `${call.fn} sent ${translated.error}`);
    else for (const need of translated.needs) check(call.fn, need, true);
  }
  for (const fn of new Set(calls.map((c) => c.fn))) {
    const definition = manifest.find((d) => d.name === fn);
    if (definition?.trigger.kind === 'queue' && !model.functions[fn]?.eventSources.length)
      refuse(`${fn}|no event source`, `${fn} is queue-triggered in the manifest but has no event source`);
    for (const need of eventSourceNeeds(fn, model)) check(fn, need, false);
  }

  const lines = [...refused.values()].map(({ line, count }) =>
    count > 1 ? `${line} (${count} calls)` : line,
  );
  return lines.length > SHOWN ? [...lines.slice(0, SHOWN), `...and ${lines.length - SHOWN} more`] : lines;
}

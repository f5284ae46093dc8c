import type { Registry } from './registry.js';

/**
 * SNS audience topics (ARCHITECTURE.md 6): one per area and language, plus one city-wide topic per
 * language; exercise topics carry the registry's sandbox prefix. Names are the contract between the
 * registry, CDK (which creates them) and the publisher.
 */

export function areaTopicName(divisionId: string, language: string): string {
  return `area-${divisionId}-${language}`;
}

export function citywideTopicName(language: string): string {
  return `citywide-${language}`;
}

export function exerciseTopicName(registry: Registry, liveTopic: string): string {
  return `${registry.sandbox.topicPrefix}${liveTopic}`;
}

/** Every topic the registry implies, live and exercise, with its area (a division id or `citywide`) and language. */
export function allTopics(
  registry: Registry,
): { name: string; area: string; language: string; exercise: boolean }[] {
  const live = registry.languages.flatMap(({ code }) => [
    ...registry.divisions.map((d) => ({ name: areaTopicName(d.id, code), area: d.id, language: code })),
    { name: citywideTopicName(code), area: 'citywide', language: code },
  ]);
  return [
    ...live.map((t) => ({ ...t, exercise: false })),
    ...live.map((t) => ({ ...t, name: exerciseTopicName(registry, t.name), exercise: true })),
  ];
}

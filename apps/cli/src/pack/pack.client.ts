// `kt pack` calls to reporting's pack API (POST /v1/packs, GET /v1/packs, GET /v1/packs/current).
import { CliError } from '../shared/cli.error.js';
import type { ReportingClient } from '../shared/reporting.client.js';

export interface AppliedPack {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly applied_at: string;
  readonly applied_by: string;
}

export interface PackHistoryItem extends AppliedPack {
  readonly source: string;
  readonly event_id: string;
}

export interface CurrentPack extends PackHistoryItem {
  readonly content: string;
}

export function applyPack(client: ReportingClient, yaml: string): Promise<AppliedPack> {
  return client.postText<AppliedPack>('/v1/packs', yaml, 'application/yaml');
}

export async function packHistory(client: ReportingClient, name?: string): Promise<PackHistoryItem[]> {
  return (await client.getJson<{ packs: PackHistoryItem[] }>('/v1/packs', { name })).packs;
}

/** The latest applied pack (of a name), or null when none was ever applied. */
export async function currentPack(client: ReportingClient, name?: string): Promise<CurrentPack | null> {
  try {
    return await client.getJson<CurrentPack>('/v1/packs/current', { name });
  } catch (error) {
    if (error instanceof CliError && error.status === 404) return null;
    throw error;
  }
}

import { partitionOf } from './target.partition.js';

/** The partitions of the ownership topic this instance holds in consumer group `KT_PROBER_GROUP`. */
export interface Assignment {
  readonly partitions: ReadonlySet<number>;
  /** The topic's partition count when the assignment was received. */
  readonly partitionCount: number;
}

/** Before the group is joined an instance owns nothing: probing everything would multiply traffic. */
export const NO_ASSIGNMENT: Assignment = Object.freeze({ partitions: new Set<number>(), partitionCount: 0 });

/** True when this instance should probe `targetId`: it holds the partition the target's samples are keyed to. */
export function ownsTarget(assignment: Assignment, targetId: string): boolean {
  if (assignment.partitionCount < 1) return false;
  return assignment.partitions.has(partitionOf(targetId, assignment.partitionCount));
}

// Placeholder until the local infrastructure lands: starts nothing.
export default async function setup(): Promise<void> {}

export function minimumNodeVersion(enginesRange: string): string;
export function nodeVersionProblem(version: string, minimum: string): string | null;

/**
 * Node file-system errors in words: "was deleted while the corpus was being read" says what
 * happened; "ENOENT" does not. Used for every file and folder the loader touches.
 */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
      return 'disappeared while the corpus was being read (deleted or moved)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'ELOOP':
      return 'is a symbolic link loop (following it leads back to itself)';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENAMETOOLONG':
      return 'has a path too long for this system';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return `could not be read (${code ?? 'error'}: ${message})`;
    }
  }
}

/** The `code` of a Node system error (`ENOENT`, `EACCES`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

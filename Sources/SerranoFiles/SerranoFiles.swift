// SerranoFiles: reading and writing the files a user names on the command line, in one place
// that the CLI and every library share.
//
// - `OutputFile.write(_:to:inputs:)` / `OutputFile.open`: writes through symlinks, into devices
//   and FIFOs as they are, atomically over regular files; reports every write error; refuses to
//   overwrite one of the command's inputs. `OutputFile.createDirectory` makes output folders.
// - `InputFile.check` / `read` / `readPrefix`: one-sentence errors for missing files, folders,
//   unreadable files; devices and FIFOs read as streams.
// - `OutputFileError`, `InputFileError`: `cannot write PATH: REASON`, `cannot read PATH: REASON`.

/* expand.h - words as the shell gives them to commands: quotes removed,
 * backslashes applied, $NAME, ${NAME}, $?, $$, $#, $0..$9, $@ and $*
 * replaced; unquoted replacements split into fields at blanks. */
#ifndef SH_EXPAND_H
#define SH_EXPAND_H

#include "buf.h"
#include "sh.h"

/* Adds the fields of word to fields: 0, or -1 after saying what is wrong. */
int sh_expand_fields(struct sh *sh, const char *word, struct sh_list *fields);
/* The word as one string, without splitting (assignments, redirection
 * targets): a malloc'd string, or NULL after saying what is wrong. */
char *sh_expand_string(struct sh *sh, const char *word);

#endif

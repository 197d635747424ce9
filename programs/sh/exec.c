/* exec.c - pipelines: builtins and assignments in the shell, everything
 * else in children joined by pipes, each job in its own process group
 * with the terminal while the shell waits; the PATH search and scripts
 * the system will not exec. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "buf.h"
#include "exec.h"
#include "expand.h"
#include "redirect.h"

/* Where PATH is unset, as libposix's execvp defaults. */
#define DEFAULT_PATH	"/bin:/boot"

/* A command with its words expanded. */
struct prepared {
	const struct sh_command *command;
	struct sh_list argv, assignments, targets;
};

/* What a child of a pipeline needs: its command, the pipe ends to make
 * its standard input and output (-1: keep), the next command's end to
 * close, and the job's process group (0: it starts one). */
struct child {
	struct sh *sh;
	struct prepared *prepared;
	int input, output, other_end;
	long pgid;
};

static int prepare(struct sh *sh, const struct sh_command *command, struct prepared *prepared)
{
	prepared->command = command;
	for (const struct sh_word *word = command->words; word; word = word->next) {
		if (sh_expand_fields(sh, word->text, &prepared->argv) < 0)
			return -1;
	}
	for (const struct sh_word *word = command->assignments; word; word = word->next) {
		char *value = sh_expand_string(sh, word->text);

		if (!value)
			return -1;
		sh_list_add(&prepared->assignments, value);
	}
	for (const struct sh_redirect *redirect = command->redirects; redirect;
	     redirect = redirect->next) {
		char *target = sh_expand_string(sh, redirect->target);

		if (!target)
			return -1;
		sh_list_add(&prepared->targets, target);
	}
	sh_list_items(&prepared->argv);
	sh_list_items(&prepared->targets);
	return 0;
}

static void prepared_free(struct prepared *prepared)
{
	sh_list_free(&prepared->argv);
	sh_list_free(&prepared->assignments);
	sh_list_free(&prepared->targets);
}

static void assign(struct sh *sh, const struct prepared *prepared)
{
	for (size_t i = 0; i < prepared->assignments.count; i++) {
		const char *assignment = prepared->assignments.items[i];
		size_t len = sh_assignment_name_length(assignment);

		sh_var_set(&sh->vars, assignment, len, assignment + len + 1, false);
	}
}

/* A builtin, or assignments and redirections alone, in the shell itself:
 * redirections last only for the command; assignments without a command
 * stay. */
static int run_in_shell(struct sh *sh, const struct prepared *prepared, sh_builtin *builtin)
{
	struct sh_saved_fds saved = { 0 };
	int status = 1;

	if (sh_redirect_apply(sh, prepared->command->redirects, prepared->targets.items,
			      &saved) == 0) {
		if (builtin)
			status = builtin(sh, (int)prepared->argv.count, prepared->argv.items);
		else
			status = 0;
	}
	sh_redirect_restore(sh, &saved);
	if (!builtin && status == 0)
		assign(sh, prepared);
	return status;
}

/* A file the system will not exec (ENOEXEC) is a script for this shell,
 * run in the child with the environment as a new shell would have it. */
static __attribute__((noreturn)) void run_as_script(struct sh *sh, const char *path, char **argv,
						     char **env)
{
	struct sh script;
	int status;

	sh_init(&script, sh->ops, env, sh->pid);
	status = sh_run_script(&script, path, argv);
	sh_destroy(&script);
	sh->ops->exit(sh->ops->ctx, status);
}

/* execs path; returns only with the error when it cannot. */
static int try_exec(struct sh *sh, const char *path, char **argv, char **env)
{
	int err = sh->ops->exec(sh->ops->ctx, path, argv, env);

	if (err == -ENOEXEC)
		run_as_script(sh, path, argv, env);
	return err;
}

/* A name without a slash is looked for in each PATH directory (an empty
 * one is the current directory); ENOENT and ENOTDIR move on, EACCES is
 * kept in case a later one works. */
static int search_and_exec(struct sh *sh, char **argv, char **env)
{
	const char *name = argv[0], *path = sh_var_get(&sh->vars, "PATH");
	bool denied = false;

	if (strchr(name, '/'))
		return try_exec(sh, name, argv, env);
	if (!path)
		path = DEFAULT_PATH;
	for (;;) {
		size_t dir_len = strcspn(path, ":");
		struct sh_text candidate = { 0 };
		int err;

		sh_text_add(&candidate, dir_len ? path : ".", dir_len ? dir_len : 1);
		sh_text_add_char(&candidate, '/');
		sh_text_add(&candidate, name, strlen(name));
		err = try_exec(sh, candidate.text, argv, env);
		sh_text_free(&candidate);
		if (err == -EACCES)
			denied = true;
		else if (err != -ENOENT && err != -ENOTDIR)
			return err;
		if (!path[dir_len])
			return denied ? -EACCES : -ENOENT;
		path += dir_len + 1;
	}
}

static __attribute__((noreturn)) void exec_program(struct sh *sh, struct prepared *prepared)
{
	char **env = sh_env_build(&sh->vars, prepared->assignments.items,
				  prepared->assignments.count);
	const char *name = prepared->argv.items[0];
	int err = search_and_exec(sh, prepared->argv.items, env);

	sh_env_free(env);
	if (err == -ENOENT && !strchr(name, '/'))
		sh_error(sh, "%s: not found\n", name);
	else
		sh_error(sh, "%s: %s\n", name, strerror(-err));
	sh->ops->exit(sh->ops->ctx, err == -ENOENT ? SH_STATUS_NOT_FOUND : SH_STATUS_CANNOT_RUN);
}

/* A pipe end onto standard input or output: 0, or -1 after saying why not. */
static int move_fd(struct sh *sh, int fd, int new_fd)
{
	const struct sh_ops *ops = sh->ops;
	int err;

	if (fd < 0 || fd == new_fd)
		return 0;
	err = ops->dup2(ops->ctx, fd, new_fd);
	ops->close(ops->ctx, fd);
	if (err < 0) {
		sh_error(sh, "pipe onto %d: %s\n", new_fd, strerror(-err));
		return -1;
	}
	return 0;
}

static __attribute__((noreturn)) void run_child(void *arg)
{
	struct child *child = arg;
	struct sh *sh = child->sh;
	const struct sh_ops *ops = sh->ops;
	struct prepared *prepared = child->prepared;
	sh_builtin *builtin;

	if (sh->interactive) {
		/* Here as well as in the parent, so neither has to wait for the other. */
		ops->setpgid(ops->ctx, 0, child->pgid);
		ops->set_foreground(ops->ctx, 0);
	}
	if (child->other_end >= 0)
		ops->close(ops->ctx, child->other_end);
	if (move_fd(sh, child->input, 0) < 0 || move_fd(sh, child->output, 1) < 0 ||
	    sh_redirect_apply(sh, prepared->command->redirects, prepared->targets.items, NULL) < 0)
		ops->exit(ops->ctx, 1);
	if (!prepared->argv.count)
		ops->exit(ops->ctx, 0);
	builtin = sh_builtin_find(prepared->argv.items[0]);
	if (builtin)
		ops->exit(ops->ctx, builtin(sh, (int)prepared->argv.count, prepared->argv.items));
	exec_program(sh, prepared);
}

/* Starts the pipeline's children, pipe between each two: their pids
 * (count of them started; fewer after an error, said). */
static size_t start_children(struct sh *sh, struct prepared *prepared, size_t count, long *pids)
{
	const struct sh_ops *ops = sh->ops;
	int input = -1;
	long pgid = 0;
	size_t started;

	for (started = 0; started < count; started++) {
		int ends[2] = { -1, -1 }, err = 0;
		struct child child = { sh, &prepared[started], input, -1, -1, pgid };
		long pid;

		if (started + 1 < count)
			err = ops->pipe(ops->ctx, ends);
		if (err < 0) {
			sh_error(sh, "pipe: %s\n", strerror(-err));
			break;
		}
		child.output = ends[1];
		child.other_end = ends[0];
		pid = ops->spawn(ops->ctx, run_child, &child);
		if (input >= 0)
			ops->close(ops->ctx, input);
		if (ends[1] >= 0)
			ops->close(ops->ctx, ends[1]);
		input = ends[0];
		if (pid < 0) {
			sh_error(sh, "cannot start a process: %s\n", strerror((int)-pid));
			break;
		}
		pids[started] = pid;
		if (sh->interactive) {
			pgid = pgid ? pgid : pid;
			ops->setpgid(ops->ctx, pid, pgid);
			ops->set_foreground(ops->ctx, pgid);
		}
	}
	if (input >= 0)
		ops->close(ops->ctx, input);
	return started;
}

/* Each child of a pipeline, the terminal theirs while the shell waits;
 * the status is the last command's. */
static int run_children(struct sh *sh, struct prepared *prepared, size_t count)
{
	const struct sh_ops *ops = sh->ops;
	long *pids = sh_alloc(count * sizeof(*pids));
	size_t started = start_children(sh, prepared, count, pids);
	int status = started == count ? 0 : 1;

	if (sh->interactive)
		ops->ignore_sigint(ops->ctx, true);
	for (size_t i = 0; i < started; i++) {
		int child_status = ops->wait(ops->ctx, pids[i]);

		if (i + 1 == count)
			status = child_status < 0 ? 1 : child_status;
	}
	if (sh->interactive) {
		ops->set_foreground(ops->ctx, 0);
		ops->ignore_sigint(ops->ctx, false);
	}
	free(pids);
	return status;
}

static int run_pipeline(struct sh *sh, const struct sh_pipeline *pipeline)
{
	struct prepared *prepared = sh_alloc(pipeline->command_count * sizeof(*prepared));
	const struct sh_command *command = pipeline->commands;
	size_t count = 0;
	int status = 1;

	memset(prepared, 0, pipeline->command_count * sizeof(*prepared));
	for (; command; command = command->next, count++) {
		if (prepare(sh, command, &prepared[count]) < 0)
			break;
	}
	if (!command) {
		sh_builtin *builtin = prepared[0].argv.count ?
					      sh_builtin_find(prepared[0].argv.items[0]) : NULL;

		if (count == 1 && (builtin || !prepared[0].argv.count))
			status = run_in_shell(sh, &prepared[0], builtin);
		else
			status = run_children(sh, prepared, count);
	} else {
		count++;
	}
	for (size_t i = 0; i < count; i++)
		prepared_free(&prepared[i]);
	free(prepared);
	return status;
}

void sh_run_program(struct sh *sh, const struct sh_program *program)
{
	for (const struct sh_pipeline *pipeline = program->pipelines; pipeline && !sh->exiting;
	     pipeline = pipeline->next) {
		if ((pipeline->connector == SH_RUN_ON_SUCCESS && sh->last_status != 0) ||
		    (pipeline->connector == SH_RUN_ON_FAILURE && sh->last_status == 0))
			continue;
		sh->last_status = run_pipeline(sh, pipeline);
	}
}

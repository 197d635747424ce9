/* exit_at_once.c - the small static program that fork_exec_wait executes:
 * it returns at once, so the row measures fork, exec and wait themselves. */
int main(void)
{
	return 0;
}

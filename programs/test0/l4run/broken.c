/* broken.c - l4run.test: does not compile (an undeclared name). */
int main(void)
{
	return undeclared_name;
}

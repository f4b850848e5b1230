<?php
        $this
            ->addOption('since', null, InputOption::VALUE_REQUIRED, 'Only export records changed since this date (Y-m-d)')
            ->addOption('limit', 'l', InputOption::VALUE_REQUIRED, 'Maximum number of records to export', '1000');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $since = null;
        if (($raw = $input->getOption('since')) !== null) {
            $since = DateTimeImmutable::createFromFormat('!Y-m-d', $raw);
            if ($since === false) {
                $output->writeln(sprintf('<error>Invalid --since value "%s", expected Y-m-d</error>', $raw));

                return Command::INVALID;
            }
        }

        $limit = filter_var($input->getOption('limit'), FILTER_VALIDATE_INT, ['options' => ['min_range' => 1]]);
        if ($limit === false) {
            $output->writeln('<error>--limit must be a positive integer</error>');

            return Command::INVALID;
        }

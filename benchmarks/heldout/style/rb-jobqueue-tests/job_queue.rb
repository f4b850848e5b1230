# frozen_string_literal: true

class JobQueue
  Job = Struct.new(:id, :name, :args, :priority, :attempts, :run_at, :last_error, keyword_init: true)

  class UnknownJob < StandardError; end

  attr_reader :dead, :completed

  def initialize(max_attempts: 3, backoff: ->(n) { 2**n }, clock: -> { Time.now.to_f })
    @handlers = {}
    @pending = []
    @dead = []
    @completed = []
    @max_attempts = max_attempts
    @backoff = backoff
    @clock = clock
    @seq = 0
  end

  def register(name, &blk)
    raise ArgumentError, "handler block required" unless blk
    @handlers[name.to_s] = blk
    self
  end

  def enqueue(name, *args, priority: 0, delay: 0)
    name = name.to_s
    raise UnknownJob, "no handler registered for #{name}" unless @handlers.key?(name)
    @seq += 1
    job = Job.new(id: @seq, name: name, args: args, priority: priority,
                  attempts: 0, run_at: @clock.call + delay)
    @pending << job
    job.id
  end

  def size
    @pending.size
  end

  def ready
    now = @clock.call
    @pending.select { |j| j.run_at <= now }
            .sort_by { |j| [-j.priority, j.run_at, j.id] }
  end

  # Runs a single ready job. Returns the job, or nil if nothing was ready.
  def work_one
    job = ready.first
    return nil unless job

    @pending.delete(job)
    job.attempts += 1
    begin
      @handlers.fetch(job.name).call(*job.args)
      @completed << job
    rescue StandardError => e
      job.last_error = "#{e.class}: #{e.message}"
      if job.attempts >= @max_attempts
        @dead << job
      else
        job.run_at = @clock.call + @backoff.call(job.attempts)
        @pending << job
      end
    end
    job
  end

  # Drains every job that is currently ready. Jobs rescheduled into the
  # future are left alone.
  def drain
    n = 0
    n += 1 while work_one
    n
  end

  def retry_dead(id)
    job = @dead.find { |j| j.id == id } or return false
    @dead.delete(job)
    job.attempts = 0
    job.run_at = @clock.call
    @pending << job
    true
  end
end

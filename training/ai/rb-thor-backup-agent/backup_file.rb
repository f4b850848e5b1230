require_relative "create_file"

class Thor
  module Actions
    # Copies a file inside the destination root to a backup next to it, so
    # the original content can be recovered if a later action changes it.
    #
    # ==== Parameters
    # path<String>:: the relative path to the file to be backed up.
    # config<Hash>:: give :verbose => false to not log the status,
    #                :suffix => ".orig" to change the backup extension (default is ".bak"),
    #                and :timestamp => true to add the current time to the backup name.
    #
    # ==== Examples
    #
    #   backup_file "config/database.yml"
    #
    #   backup_file "Gemfile", :suffix => ".orig"
    #
    #   backup_file "config/routes.rb", :timestamp => true
    #
    def backup_file(path, config = {})
      action BackupFile.new(self, path, config)
    end

    # BackupFile is a subset of CreateFile, which instead of taking a block of
    # data, reads it from the file which is being backed up. This gives us the
    # same :force, :skip and identical checks when the backup already exists.
    #
    class BackupFile < CreateFile #:nodoc:
      DEFAULT_SUFFIX = ".bak".freeze
      TIMESTAMP_FORMAT = "%Y%m%d%H%M%S".freeze

      attr_reader :source

      def initialize(base, path, config = {})
        @source = File.expand_path(path.to_s, base.destination_root)
        super(base, backup_path_for(path.to_s, config), nil, config)
      end

      # Checks if the file to be backed up exists.
      #
      # ==== Returns
      # Boolean:: true if the source file exists, false otherwise.
      #
      def source_exists?
        File.file?(source)
      end

      # Holds the content of the file being backed up.
      #
      def render
        @render ||= File.binread(source)
      end

      def invoke!
        unless source_exists?
          raise Thor::Error, "The file #{relative_source} does not appear to exist"
        end

        super

        # Keep the permissions of the original around, a backed up script
        # should still be executable once it is restored.
        File.chmod(File.stat(source).mode, destination) if !pretend? && exists?
        given_destination
      end

    protected

      def relative_source
        base.relative_to_original_destination_root(source)
      end

      # Builds the backup name from the given path. With :timestamp the
      # current time goes between the file name and the suffix:
      #
      #   backup_path_for("Gemfile", :timestamp => true) #=> "Gemfile.20220101120000.bak"
      #
      def backup_path_for(path, config)
        suffix = config.fetch(:suffix, DEFAULT_SUFFIX).to_s
        suffix = ".#{suffix}" unless suffix.start_with?(".")

        if config[:timestamp]
          "#{path}.#{Time.now.strftime(TIMESTAMP_FORMAT)}#{suffix}"
        else
          "#{path}#{suffix}"
        end
      end
    end
  end
end

require "helper"
require "thor/actions"

describe Thor::Actions::BackupFile do
  before do
    ::FileUtils.rm_rf(destination_root)
    ::FileUtils.mkdir_p(File.join(destination_root, "config"))
    File.open(File.join(destination_root, "config/app.yml"), "wb") { |f| f.write "name: app\n" }
  end

  def backup_file(path, config = {}, options = {})
    @base = MyCounter.new([1, 2], options, :destination_root => destination_root)
    @action = Thor::Actions::BackupFile.new(@base, path, {:verbose => !@silence}.merge(config))
  end

  def invoke!
    capture(:stdout) { @action.invoke! }
  end

  def revoke!
    capture(:stdout) { @action.revoke! }
  end

  def silence!
    @silence = true
  end

  def backup_path(name = "config/app.yml.bak")
    File.join(destination_root, name)
  end

  describe "#invoke!" do
    it "copies the file next to the original" do
      backup_file("config/app.yml")
      invoke!
      expect(File.read(backup_path)).to eq("name: app\n")
    end

    it "does not touch the original file" do
      backup_file("config/app.yml")
      invoke!
      expect(File.read(File.join(destination_root, "config/app.yml"))).to eq("name: app\n")
    end

    it "accepts a custom suffix" do
      backup_file("config/app.yml", :suffix => "orig")
      invoke!
      expect(File.exist?(backup_path("config/app.yml.orig"))).to be true
    end

    it "adds the current time to the name when :timestamp is given" do
      allow(Time).to receive(:now).and_return(Time.new(2022, 1, 2, 3, 4, 5))
      backup_file("config/app.yml", :timestamp => true)
      invoke!
      expect(File.exist?(backup_path("config/app.yml.20220102030405.bak"))).to be true
    end

    it "keeps the mode of the original file" do
      File.chmod(0o755, File.join(destination_root, "config/app.yml"))
      backup_file("config/app.yml")
      invoke!
      expect(File.stat(backup_path).mode & 0o777).to eq(0o755)
    end

    it "does not create a backup when pretending" do
      backup_file("config/app.yml", {}, :pretend => true)
      invoke!
      expect(File.exist?(backup_path)).to be false
    end

    it "shows created status to the user" do
      backup_file("config/app.yml")
      expect(invoke!).to eq("      create  config/app.yml.bak\n")
    end

    it "does not show any information if log status is false" do
      silence!
      backup_file("config/app.yml")
      expect(invoke!).to be_empty
    end

    it "returns the given destination" do
      backup_file("config/app.yml")
      capture(:stdout) do
        expect(@action.invoke!).to eq("config/app.yml.bak")
      end
    end

    it "raises an error when the file does not exist" do
      backup_file("config/missing.yml")
      expect { invoke! }.to raise_error(Thor::Error, /config\/missing.yml does not appear to exist/)
    end

    describe "when the backup already exists" do
      it "shows identical status if the content is the same" do
        backup_file("config/app.yml")
        invoke!
        expect(invoke!).to eq("   identical  config/app.yml.bak\n")
      end

      it "overwrites the backup when forced" do
        File.open(backup_path, "wb") { |f| f.write "name: old\n" }
        backup_file("config/app.yml", {}, :force => true)
        expect(invoke!).to eq("       force  config/app.yml.bak\n")
        expect(File.read(backup_path)).to eq("name: app\n")
      end

      it "keeps the old backup when skipped" do
        File.open(backup_path, "wb") { |f| f.write "name: old\n" }
        backup_file("config/app.yml", {}, :skip => true)
        expect(invoke!).to eq("        skip  config/app.yml.bak\n")
        expect(File.read(backup_path)).to eq("name: old\n")
      end
    end
  end

  describe "#revoke!" do
    it "removes the backup" do
      backup_file("config/app.yml")
      invoke!
      revoke!
      expect(File.exist?(backup_path)).to be false
      expect(File.exist?(File.join(destination_root, "config/app.yml"))).to be true
    end

    it "shows remove status to the user" do
      backup_file("config/app.yml")
      invoke!
      expect(revoke!).to eq("      remove  config/app.yml.bak\n")
    end
  end
end

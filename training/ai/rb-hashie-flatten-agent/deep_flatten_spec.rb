require 'spec_helper'

describe Hashie::Extensions::DeepFlatten do
  subject { Class.new(Hash) { include Hashie::Extensions::DeepFlatten } }
  let(:hash) do
    {
      library: {
        name: 'Main',
        location: {
          address: 'Foo Street, Montreal',
          floors: [1, 2]
        },
        open: true
      },
      archived: {}
    }
  end
  let(:instance) { subject.new.update(hash) }

  describe '#deep_flatten' do
    it 'joins nested keys with a dot' do
      expect(instance.deep_flatten).to eq(
        'library.name' => 'Main',
        'library.location.address' => 'Foo Street, Montreal',
        'library.location.floors' => [1, 2],
        'library.open' => true,
        'archived' => {}
      )
    end

    it 'accepts a custom separator' do
      expect(instance.deep_flatten(separator: '__').keys).to include('library__location__address')
    end

    it 'returns a plain Hash' do
      expect(instance.deep_flatten).to be_instance_of(::Hash)
    end

    it 'does not change the original hash' do
      instance.deep_flatten
      expect(instance).to eq(hash)
    end

    it 'leaves values of a flat hash alone' do
      flat = subject.new.update(a: 1, 'b' => nil)
      expect(flat.deep_flatten).to eq('a' => 1, 'b' => nil)
    end
  end

  describe '#deep_unflatten' do
    it 'splits keys on a dot into nested hashes' do
      flat = subject.new.update('a.b' => 1, 'a.c.d' => 2, 'e' => 3)
      expect(flat.deep_unflatten).to eq('a' => { 'b' => 1, 'c' => { 'd' => 2 } }, 'e' => 3)
    end

    it 'accepts a custom separator' do
      flat = subject.new.update('a__b' => 1, 'a.c' => 2)
      expect(flat.deep_unflatten(separator: '__')).to eq('a' => { 'b' => 1 }, 'a.c' => 2)
    end

    it 'keeps keys which are not strings' do
      flat = subject.new.update(1 => 'one', :sym => 'bol')
      expect(flat.deep_unflatten).to eq(1 => 'one', :sym => 'bol')
    end

    it 'reverses #deep_flatten for string keys' do
      nested = subject.new.update('a' => { 'b' => { 'c' => 1 }, 'd' => [1] })
      expect(subject.new.update(nested.deep_flatten).deep_unflatten).to eq(nested)
    end

    it 'raises an error when a path goes through a value' do
      flat = subject.new.update('a' => 1, 'a.b' => 2)
      expect { flat.deep_unflatten }.to raise_error(ArgumentError, /a already holds a value/)
    end

    it 'raises an error when a value would replace a path' do
      flat = subject.new.update('a.b' => 2, 'a' => 1)
      expect { flat.deep_unflatten }.to raise_error(ArgumentError, /Conflicting key a/)
    end
  end

  context 'when extending an object' do
    let(:instance) { hash.dup.extend(Hashie::Extensions::DeepFlatten) }

    it 'flattens the hash' do
      expect(instance.deep_flatten['library.location.address']).to eq('Foo Street, Montreal')
    end
  end
end

module Hashie
  module Extensions
    # Turns a deeply nested hash into a single level hash whose keys are
    # the paths to each value, and back again.
    #
    #  options = { user: { location: { address: '123 Street' } } }
    #  options.extend(Hashie::Extensions::DeepFlatten)
    #  options.deep_flatten # => { 'user.location.address' => '123 Street' }
    #
    #  class MyHash < Hash
    #    include Hashie::Extensions::DeepFlatten
    #  end
    #
    #  my_hash = MyHash['user.location.address' => '123 Street']
    #  my_hash.deep_unflatten # => { 'user' => { 'location' => { 'address' => '123 Street' } } }
    #
    # This is useful for turning configuration into environment variables or
    # form fields and back, or for comparing two nested hashes key by key.
    module DeepFlatten
      DEFAULT_SEPARATOR = '.'.freeze

      # Returns a new flat Hash. Arrays are kept as they are, and empty
      # hashes are kept as values so that no key is lost on the way.
      #
      #  { a: { b: 1, c: { d: 2 } } }.deep_flatten          # => { 'a.b' => 1, 'a.c.d' => 2 }
      #  { a: { b: 1 } }.deep_flatten(separator: '__')      # => { 'a__b' => 1 }
      def deep_flatten(separator: DEFAULT_SEPARATOR)
        DeepFlatten.deep_flatten(self, separator)
      end

      # Returns a new nested Hash built from a hash whose keys are paths.
      # Keys that aren't strings are left alone.
      #
      #  { 'a.b' => 1, 'a.c.d' => 2 }.deep_unflatten # => { 'a' => { 'b' => 1, 'c' => { 'd' => 2 } } }
      #
      # Raises ArgumentError when two keys conflict, for example 'a' => 1
      # together with 'a.b' => 2.
      def deep_unflatten(separator: DEFAULT_SEPARATOR)
        DeepFlatten.deep_unflatten(self, separator)
      end

      def self.deep_flatten(hash, separator, prefix = nil, result = {})
        hash.each_pair do |key, value|
          path = prefix ? "#{prefix}#{separator}#{key}" : key.to_s

          if value.is_a?(::Hash) && !value.empty?
            deep_flatten(value, separator, path, result)
          else
            result[path] = value
          end
        end

        result
      end

      def self.deep_unflatten(hash, separator)
        hash.each_pair.with_object({}) do |(key, value), result|
          path = key.is_a?(String) ? key.split(separator) : [key]
          _assign(result, path, value)
        end
      end

      def self._assign(result, path, value)
        target = path[0..-2].each_with_index.reduce(result) do |node, (part, index)|
          node[part] = {} unless node.key?(part)
          unless node[part].is_a?(::Hash)
            raise ArgumentError, "Conflicting key #{path.join(' > ')} when unflattening: " \
                                 "#{path[0..index].join(' > ')} already holds a value"
          end
          node[part]
        end

        if target.key?(path.last)
          raise ArgumentError, "Conflicting key #{path.join(' > ')} when unflattening"
        end

        target[path.last] = value
      end
      private_class_method :_assign
    end
  end
end

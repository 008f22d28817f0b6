using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Dictionary-like base of the SDK's keyed collections. Keys use the default (case-sensitive) comparer;
    /// only IEnumerable is implemented (sdk-surface.md §2.6, §7).
    /// </summary>
    [Serializable]
    public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>, IEnumerable
    {
        private readonly IDictionary<TKey, TValue> _items;
        private bool _isReadOnly;

        protected internal DataCollection(IDictionary<TKey, TValue> collection)
        {
            _items = collection;
        }

        protected internal DataCollection()
        {
            _items = new Dictionary<TKey, TValue>();
        }

        public virtual TValue this[TKey key]
        {
            get { return _items[key]; }
            set
            {
                ThrowIfReadOnly();
                _items[key] = value;
            }
        }

        public int Count
        {
            get { return _items.Count; }
        }

        public ICollection<TKey> Keys
        {
            get { return _items.Keys; }
        }

        public ICollection<TValue> Values
        {
            get { return _items.Values; }
        }

        public virtual bool IsReadOnly
        {
            get { return _isReadOnly; }
            internal set { _isReadOnly = value; }
        }

        public void Add(KeyValuePair<TKey, TValue> item)
        {
            ThrowIfReadOnly();
            _items.Add(item);
        }

        public void AddRange(params KeyValuePair<TKey, TValue>[] items)
        {
            AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);
        }

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null)
            {
                return;
            }

            ThrowIfReadOnly();
            foreach (KeyValuePair<TKey, TValue> item in items)
            {
                _items.Add(item);
            }
        }

        public void Add(TKey key, TValue value)
        {
            ThrowIfReadOnly();
            _items.Add(key, value);
        }

        public void Clear()
        {
            ThrowIfReadOnly();
            _items.Clear();
        }

        public bool Contains(TKey key)
        {
            return _items.ContainsKey(key);
        }

        public bool Contains(KeyValuePair<TKey, TValue> key)
        {
            return _items.Contains(key);
        }

        public bool TryGetValue(TKey key, out TValue value)
        {
            return _items.TryGetValue(key, out value);
        }

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex)
        {
            _items.CopyTo(array, arrayIndex);
        }

        public bool ContainsKey(TKey key)
        {
            return _items.ContainsKey(key);
        }

        public bool Remove(TKey key)
        {
            ThrowIfReadOnly();
            return _items.Remove(key);
        }

        public bool Remove(KeyValuePair<TKey, TValue> item)
        {
            ThrowIfReadOnly();
            return _items.Remove(item);
        }

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
        {
            return _items.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator()
        {
            return _items.GetEnumerator();
        }

        private void ThrowIfReadOnly()
        {
            if (IsReadOnly)
            {
                throw new InvalidOperationException("The collection is read-only.");
            }
        }
    }

    /// <summary>List-like base of the SDK's collections; no public constructor (sdk-surface.md §2.6).</summary>
    [Serializable]
    public class DataCollection<T> : Collection<T>
    {
        internal DataCollection()
        {
        }

        /// <summary>Copies <paramref name="list"/> (Collection&lt;T&gt;(IList) would wrap it).</summary>
        internal DataCollection(IList<T> list)
            : base(new List<T>(list))
        {
        }

        public void AddRange(params T[] items)
        {
            AddRange((IEnumerable<T>)items);
        }

        public void AddRange(IEnumerable<T> items)
        {
            if (items == null)
            {
                return;
            }

            foreach (T item in items)
            {
                Add(item);
            }
        }

        public T[] ToArray()
        {
            T[] array = new T[Count];
            CopyTo(array, 0);
            return array;
        }
    }
}
